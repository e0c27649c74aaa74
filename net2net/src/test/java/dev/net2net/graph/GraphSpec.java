package dev.net2net.graph;

import dev.net2net.testing.NetSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A generated {@link ComputationGraph} for property tests: a stem, then random blocks (Inception
 * modules whose towers are 1x1/3x3/5x5 convolutions, pooling towers or the block's input itself,
 * joined by a {@link MergeVertex}; residual blocks whose terms meet in an add, subtract, average or
 * max vertex, with an identity or a projection shortcut; plain convolutions; pooling), then a head
 * (global pooling or a flatten into dense layers, which may again hold residual sums and
 * concatenations), then a softmax output. Batch normalization sits at random places (inside towers,
 * after sums, on features), activations are drawn from idempotent and non-idempotent ones, and the
 * layout is NCHW (flat or image input) or NHWC.
 *
 * <p>The seed alone reproduces the graph. Alongside the graph, the generator keeps its own account
 * of every node (kind, inputs, rank, and the activation whose range the node's output lies in) from
 * which the tests predict, independently of the planners, what a transform must do.
 */
public final class GraphSpec {
  public static final int SIDE = 28;
  public static final int CLASSES = 10;

  /**
   * Activations drawn for hidden layers: idempotent ones and ones Net2DeeperNet cannot reproduce.
   */
  private static final Activation[] ACTIVATIONS = {
    Activation.RELU,
    Activation.RELU,
    Activation.RELU,
    Activation.TANH,
    Activation.IDENTITY,
    Activation.RELU6,
    Activation.HARDTANH,
    Activation.LEAKYRELU,
    Activation.SIGMOID,
    Activation.ELU
  };

  static final Set<String> IDEMPOTENT = Set.of("RELU", "IDENTITY", "RELU6", "HARDTANH");

  /**
   * The generator's account of a node.
   *
   * @param kind conv, dense, bn, act, pool, gpool, dropout, merge, Add, Subtract, Average, Max,
   *     output
   * @param range the activation whose range the output lies in (IDENTITY if none is known)
   * @param rank 4 for images, 2 for features
   * @param kernel a convolution's kernel size (0 otherwise)
   */
  public record NodeInfo(
      String name, String kind, List<String> inputs, String range, int rank, int kernel) {
    public NodeInfo {
      inputs = List.copyOf(inputs);
    }

    boolean isWeighted() {
      return kind.equals("conv") || kind.equals("dense") || kind.equals("output");
    }
  }

  private final long seed;
  private final CNN2DFormat format;
  private final boolean flatInput;
  private final String json;
  private final List<String> description;
  private final Map<String, NodeInfo> nodes;
  private final Map<String, String> mergeRoots;
  private final Map<String, List<List<String>>> towers;

  private GraphSpec(
      long seed,
      CNN2DFormat format,
      boolean flatInput,
      String json,
      List<String> description,
      Map<String, NodeInfo> nodes,
      Map<String, String> mergeRoots,
      Map<String, List<List<String>>> towers) {
    this.seed = seed;
    this.format = format;
    this.flatInput = flatInput;
    this.json = json;
    this.description = List.copyOf(description);
    this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    this.mergeRoots = Map.copyOf(mergeRoots);
    this.towers = Collections.unmodifiableMap(new LinkedHashMap<>(towers));
  }

  /** A random graph from a seed. */
  public static GraphSpec generate(long seed) {
    return new Generator(seed).run();
  }

  /**
   * A new, initialised graph with randomised batch-normalization statistics (the same for the same
   * seed).
   */
  public ComputationGraph build() {
    // Through JSON rather than clone(): DL4J's MergeVertex.clone() forgets an NHWC merge axis.
    ComputationGraph graph = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
    graph.init();
    NetSpec.randomiseBatchNorm(graph, new Random(seed ^ 0x5DEECE66DL));
    return graph;
  }

  /**
   * The graph with a vertex spliced in after {@code layer}: the vertex reads {@code layer} ({@code
   * arity} times) and everything that read {@code layer} reads the vertex. For refusal tests: the
   * vertex must keep the tensor's shape.
   */
  public ComputationGraph buildWithVertexAfter(
      String layer, String name, org.deeplearning4j.nn.conf.graph.GraphVertex vertex, int arity) {
    ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
    for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
      e.getValue().replaceAll(in -> in.equals(layer) ? name : in);
    }
    conf.getVertices().put(name, vertex);
    conf.getVertexInputs().put(name, new ArrayList<>(Collections.nCopies(arity, layer)));
    conf.setTopologicalOrder(null);
    conf.setTopologicalOrderStr(null);
    ComputationGraph graph = new ComputationGraph(conf);
    graph.init();
    return graph;
  }

  /** Flat 784-value rows (Fashion-MNIST or random) shaped as this graph's input. */
  public INDArray input(INDArray flatRows) {
    long n = flatRows.size(0);
    if (flatInput) {
      return flatRows;
    }
    INDArray nchw = flatRows.reshape('c', new long[] {n, 1, SIDE, SIDE});
    return format == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw.dup('c');
  }

  public long seed() {
    return seed;
  }

  public CNN2DFormat format() {
    return format;
  }

  public Map<String, NodeInfo> nodes() {
    return nodes;
  }

  public NodeInfo node(String name) {
    NodeInfo info = nodes.get(name);
    if (info == null) {
      throw new IllegalArgumentException("no generated node " + name);
    }
    return info;
  }

  /** Hidden dense and convolution layers: what Net2WiderNet may be asked to widen. */
  public List<String> widenable() {
    return nodes.values().stream()
        .filter(n -> n.kind().equals("conv") || n.kind().equals("dense"))
        .map(NodeInfo::name)
        .toList();
  }

  /** Every node but the output: where Net2DeeperNet may be asked to insert. */
  public List<String> insertionPoints() {
    return nodes.values().stream()
        .filter(n -> !n.kind().equals("output"))
        .map(NodeInfo::name)
        .toList();
  }

  public List<String> consumers(String name) {
    List<String> readers = new ArrayList<>();
    for (NodeInfo n : nodes.values()) {
      for (String in : n.inputs()) {
        if (in.equals(name)) {
          readers.add(n.name());
        }
      }
    }
    return readers;
  }

  /**
   * For a layer on a residual stream that a concatenation's output joins (a sum whose identity
   * shortcut is a MergeVertex), the merge: widening such a layer has to give the merge's inputs the
   * new mapping too, which works only when the random mapping happens to keep every new unit inside
   * one input.
   */
  public Optional<String> mergeRoot(String layer) {
    return Optional.ofNullable(mergeRoots.get(layer));
  }

  /**
   * The towers the generator built, by concatenation: per input, the nodes it created for that
   * input, in order (none for an input that is the block's own input).
   */
  public Map<String, List<List<String>>> towers() {
    return towers;
  }

  @Override
  public String toString() {
    return "GraphSpec[seed="
        + seed
        + ", "
        + format
        + (flatInput ? " flat" : "")
        + "]\n  "
        + String.join("\n  ", description);
  }

  // ---------------------------------------------------------------------------------------------------

  /**
   * A residual stream: the layers writing to sums that feed one another, which share one mapping.
   */
  private static final class Stream {
    final Set<String> members = new LinkedHashSet<>();
    String mergeRoot;
  }

  /** Where a tensor comes from, for the residual bookkeeping: a stream, a merge, or neither. */
  private sealed interface Origin {}

  private record FromStream(Stream stream) implements Origin {}

  private record FromMerge(String merge) implements Origin {}

  private record FromInput() implements Origin {}

  private static final class Generator {
    private final long seed;
    private final Random r;
    private final CNN2DFormat format;
    private final boolean flatInput;
    private final GraphBuilder g;
    private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    private final Map<String, Origin> origins = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private final Map<String, List<List<String>>> towers = new LinkedHashMap<>();

    private String cur;
    private int size = SIDE;

    Generator(long seed) {
      this.seed = seed;
      this.r = new Random(seed);
      this.format = r.nextInt(3) == 0 ? CNN2DFormat.NHWC : CNN2DFormat.NCHW;
      this.flatInput = format == CNN2DFormat.NCHW && r.nextBoolean();
      this.g =
          new NeuralNetConfiguration.Builder()
              .seed(seed)
              .updater(new Adam(1e-3))
              .convolutionMode(ConvolutionMode.Same)
              .graphBuilder()
              .addInputs("input")
              .setInputTypes(
                  flatInput
                      ? InputType.convolutionalFlat(SIDE, SIDE, 1)
                      : InputType.convolutional(SIDE, SIDE, 1, format));
    }

    GraphSpec run() {
      origins.put("input", new FromInput());
      int kernel = r.nextBoolean() ? 3 : 5;
      cur =
          add(
              "stem_conv",
              new ConvolutionLayer.Builder(kernel, kernel)
                  .stride(2, 2)
                  .nOut(3 + r.nextInt(6))
                  .activation(activation())
                  .build(),
              "conv",
              kernel,
              "input");
      size = SIDE / 2;
      cur = extras("stem", cur, 4);
      int blocks = 1 + r.nextInt(3);
      for (int b = 1; b <= blocks; b++) {
        String p = "b" + b + "_";
        int choice = r.nextInt(10);
        if (choice < 4) {
          inception(p);
        } else if (choice < 8) {
          residual(p, 4);
        } else if (choice < 9 || size < 8) {
          cur = convUnit(p + "conv", cur, 2 + r.nextInt(6), new int[] {1, 3, 5}[r.nextInt(3)]);
        } else {
          pool(p + "pool");
        }
      }
      head();
      g.setOutputs("output");
      ComputationGraphConfiguration conf = g.build();
      Map<String, String> mergeRoots = new HashMap<>();
      for (Stream s : streams) {
        if (s.mergeRoot != null) {
          s.members.forEach(m -> mergeRoots.put(m, s.mergeRoot));
        }
      }
      return new GraphSpec(
          seed, format, flatInput, conf.toJson(), lines, nodes, mergeRoots, towers);
    }

    // ---- blocks

    private void inception(String p) {
      String in = cur;
      int towers = 2 + r.nextInt(3);
      boolean identityUsed = false;
      List<String> outs = new ArrayList<>();
      List<List<String>> towerNodes = new ArrayList<>();
      for (int t = 1; t <= towers; t++) {
        String tp = p + "t" + t + "_";
        int kind = r.nextInt(8);
        int first = nodes.size();
        if (kind == 0 && !identityUsed) {
          identityUsed = true;
          outs.add(in);
        } else if (kind <= 2) {
          String pool =
              add(
                  tp + "pool",
                  new SubsamplingLayer.Builder(r.nextBoolean() ? PoolingType.MAX : PoolingType.AVG)
                      .kernelSize(3, 3)
                      .stride(1, 1)
                      .build(),
                  "pool",
                  0,
                  in);
          outs.add(r.nextBoolean() ? convUnit(tp + "proj", pool, 2 + r.nextInt(5), 1) : pool);
        } else {
          int convs = 1 + r.nextInt(2);
          String tip = in;
          for (int c = 1; c <= convs; c++) {
            int k = c == 1 && convs > 1 ? 1 : new int[] {1, 3, 5}[r.nextInt(3)];
            tip = convUnit(tp + "conv" + c, tip, 2 + r.nextInt(5), k);
          }
          outs.add(tip);
        }
        towerNodes.add(namesFrom(first));
      }
      if (outs.stream().distinct().count() < 2) {
        int first = nodes.size();
        outs.add(convUnit(p + "extra", in, 2 + r.nextInt(4), 1));
        towerNodes.add(namesFrom(first));
      }
      merge(p + "merge", outs, towerNodes);
    }

    /** The names of the nodes added since the node count was {@code first}. */
    private List<String> namesFrom(int first) {
      List<String> all = new ArrayList<>(nodes.keySet());
      return List.copyOf(all.subList(first, all.size()));
    }

    private void residual(String p, int rank) {
      ElementWiseVertex.Op op =
          new ElementWiseVertex.Op[] {
                ElementWiseVertex.Op.Add,
                ElementWiseVertex.Op.Add,
                ElementWiseVertex.Op.Subtract,
                ElementWiseVertex.Op.Average,
                ElementWiseVertex.Op.Max
              }
              [r.nextInt(5)];
      String in = cur;
      Origin origin = origins.get(in);
      boolean identity = !(origin instanceof FromInput) && r.nextInt(3) > 0;
      List<String> terms = new ArrayList<>();
      long width;
      if (identity) {
        terms.add(in);
        width = unitsOf(in);
      } else {
        width = 2 + r.nextInt(6);
        String proj =
            rank == 4
                ? add(
                    p + "proj",
                    new ConvolutionLayer.Builder(1, 1).nOut(width).activation(activation()).build(),
                    "conv",
                    1,
                    in)
                : add(
                    p + "proj",
                    new DenseLayer.Builder().nOut(width).activation(activation()).build(),
                    "dense",
                    0,
                    in);
        terms.add(r.nextBoolean() ? extras(p + "proj", proj, rank) : proj);
      }
      int branches = op == ElementWiseVertex.Op.Subtract ? 1 : 1 + (r.nextInt(3) == 0 ? 1 : 0);
      for (int b = 1; b <= branches; b++) {
        String bp = p + "r" + b + "_";
        String tip = in;
        int layers = 1 + r.nextInt(2);
        for (int l = 1; l <= layers; l++) {
          long n = l == layers ? width : 2 + r.nextInt(6);
          tip =
              rank == 4
                  ? convUnit(bp + "conv" + l, tip, n, new int[] {1, 3, 5}[r.nextInt(3)])
                  : denseUnit(bp + "dense" + l, tip, n);
        }
        terms.add(tip);
      }
      String sum = p + op.name().toLowerCase();
      g.addVertex(sum, new ElementWiseVertex(op), terms.toArray(String[]::new));
      record(sum, op.name(), terms, rangeOfCombination(op.name(), terms), rank, 0);
      joinStreams(sum, terms);
      cur = sum;
      if (r.nextBoolean()) {
        cur = extras(p + "post", cur, rank);
      }
    }

    private void pool(String name) {
      cur =
          add(
              name,
              new SubsamplingLayer.Builder(r.nextBoolean() ? PoolingType.MAX : PoolingType.AVG)
                  .kernelSize(2, 2)
                  .stride(2, 2)
                  .build(),
              "pool",
              0,
              cur);
      size = (size + 1) / 2;
    }

    private void head() {
      int choice = r.nextInt(3);
      if (choice == 0) {
        if (size > 7) {
          pool("head_pool");
        }
        cur = denseUnit("head_flat", cur, 6 + r.nextInt(12));
      } else {
        // Average or max: SUM and PNORM pooling over 7x7 or 14x14 positions of an untrained network
        // make logits
        // of several hundred, where one float32 ulp (6e-5 at 1000) moves a softmax output by more
        // than the 1e-6
        // the deepen property checks. They pass channels through exactly like AVG (per channel),
        // which is drawn.
        PoolingType type = r.nextBoolean() ? PoolingType.AVG : PoolingType.MAX;
        cur = add("head_gap", new GlobalPoolingLayer.Builder(type).build(), "gpool", 0, cur);
      }
      int denseBlocks = choice == 2 ? 0 : r.nextInt(3);
      for (int d = 1; d <= denseBlocks; d++) {
        String p = "d" + d + "_";
        int kind = r.nextInt(3);
        if (kind == 0) {
          cur = denseUnit(p + "dense", cur, 3 + r.nextInt(10));
        } else if (kind == 1) {
          residual(p, 2);
        } else {
          String in = cur;
          List<String> outs = new ArrayList<>();
          List<List<String>> towerNodes = new ArrayList<>();
          for (String t : List.of("a", "b")) {
            int first = nodes.size();
            outs.add(denseUnit(p + t, in, 2 + r.nextInt(6)));
            towerNodes.add(namesFrom(first));
          }
          if (r.nextBoolean()) {
            outs.add(in);
            towerNodes.add(List.of());
          }
          merge(p + "merge", outs, towerNodes);
        }
      }
      add(
          "output",
          new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
              .nOut(CLASSES)
              .activation(Activation.SOFTMAX)
              .build(),
          "output",
          0,
          cur);
    }

    // ---- units

    /** A convolution followed by what Inception-BN or a plain network puts after one. */
    private String convUnit(String name, String input, long nOut, int kernel) {
      if (r.nextBoolean()) {
        // Inception-BN: a linear convolution, batch normalization, then the activation.
        String conv =
            add(
                name,
                new ConvolutionLayer.Builder(kernel, kernel)
                    .nOut(nOut)
                    .activation(Activation.IDENTITY)
                    .build(),
                "conv",
                kernel,
                input);
        String bn = batchNorm(name + "_bn", conv);
        Activation a = activation();
        return add(
            name + "_act", new ActivationLayer.Builder().activation(a).build(), "act", 0, bn);
      }
      String conv =
          add(
              name,
              new ConvolutionLayer.Builder(kernel, kernel)
                  .nOut(nOut)
                  .activation(activation())
                  .build(),
              "conv",
              kernel,
              input);
      return extras(name, conv, 4);
    }

    private String denseUnit(String name, String input, long nOut) {
      String dense =
          add(
              name,
              new DenseLayer.Builder().nOut(nOut).activation(activation()).build(),
              "dense",
              0,
              input);
      return extras(name, dense, 2);
    }

    /** Maybe batch normalization, maybe an activation layer, maybe dropout. */
    private String extras(String prefix, String input, int rank) {
      String tip = input;
      if (r.nextInt(3) == 0) {
        tip = batchNorm(prefix + "_xbn", tip);
      }
      if (r.nextInt(4) == 0) {
        tip =
            add(
                prefix + "_xact",
                new ActivationLayer.Builder().activation(activation()).build(),
                "act",
                0,
                tip);
      }
      if (r.nextInt(6) == 0) {
        tip = add(prefix + "_drop", new DropoutLayer.Builder(0.5).build(), "dropout", 0, tip);
      }
      return tip;
    }

    private String batchNorm(String name, String input) {
      return add(
          name,
          new BatchNormalization.Builder().useLogStd(r.nextBoolean()).build(),
          "bn",
          0,
          input);
    }

    private void merge(String name, List<String> inputs, List<List<String>> towerNodes) {
      towers.put(name, List.copyOf(towerNodes));
      g.addVertex(name, new MergeVertex(), inputs.toArray(String[]::new));
      record(
          name,
          "merge",
          inputs,
          commonRange(inputs),
          nodes.containsKey(inputs.get(0)) ? nodes.get(inputs.get(0)).rank() : 4,
          0);
      origins.put(name, new FromMerge(name));
      cur = name;
    }

    // ---- bookkeeping

    private String add(
        String name,
        org.deeplearning4j.nn.conf.layers.Layer layer,
        String kind,
        int kernel,
        String input) {
      g.addLayer(name, layer, input);
      if (layer instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff
          && ff.getNOut() > 0) {
        unitsByLayer.put(name, ff.getNOut());
      }
      int rank =
          kind.equals("dense") || kind.equals("output") || kind.equals("gpool") ? 2 : rankOf(input);
      String range =
          switch (kind) {
            case "conv", "dense", "output" ->
                name(((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getActivationFn());
            case "act" -> name(((ActivationLayer) layer).getActivationFn());
            case "bn" -> "IDENTITY";
            default -> rangeOf(input);
          };
      record(name, kind, List.of(input), range, rank, kernel);
      if (kind.equals("conv") || kind.equals("dense")) {
        Stream s = new Stream();
        s.members.add(name);
        streams.add(s);
        origins.put(name, new FromStream(s));
      } else if (!kind.equals("output")) {
        origins.put(name, origins.get(input));
      }
      return name;
    }

    private final Map<String, Long> unitsByLayer = new HashMap<>();

    /** Units of a tensor, from the generator's own records. */
    private long unitsOf(String tensor) {
      NodeInfo n = nodes.get(tensor);
      return switch (n.kind()) {
        case "conv", "dense" -> unitsByLayer.get(tensor);
        case "merge" -> n.inputs().stream().mapToLong(this::unitsOf).sum();
        default -> unitsOf(n.inputs().get(0));
      };
    }

    private void record(
        String name, String kind, List<String> inputs, String range, int rank, int kernel) {
      nodes.put(name, new NodeInfo(name, kind, inputs, range, rank, kernel));
      lines.add(
          name
              + " = "
              + kind
              + (kernel > 0 ? " " + kernel + "x" + kernel : "")
              + (unitsByLayer.containsKey(name) ? " n=" + unitsByLayer.get(name) : "")
              + " ["
              + range
              + "] <- "
              + inputs);
    }

    private void joinStreams(String sum, List<String> terms) {
      Stream joined = new Stream();
      streams.add(joined);
      for (String term : terms) {
        Origin o = origins.get(term);
        if (o instanceof FromStream fs) {
          joined.members.addAll(fs.stream().members);
          if (fs.stream().mergeRoot != null) {
            joined.mergeRoot = fs.stream().mergeRoot;
          }
          streams.remove(fs.stream());
          origins.replaceAll(
              (k, v) ->
                  v instanceof FromStream other && other.stream() == fs.stream()
                      ? new FromStream(joined)
                      : v);
        } else if (o instanceof FromMerge fm) {
          joined.mergeRoot = fm.merge();
        } else {
          throw new IllegalStateException("a sum term from the input: " + term);
        }
      }
      origins.put(sum, new FromStream(joined));
    }

    private int rankOf(String tensor) {
      return tensor.equals("input") ? 4 : nodes.get(tensor).rank();
    }

    private String rangeOf(String tensor) {
      return tensor.equals("input") ? "IDENTITY" : nodes.get(tensor).range();
    }

    /** Concatenation keeps the inputs' common range. */
    private String commonRange(List<String> inputs) {
      String first = rangeOf(inputs.get(0));
      return inputs.stream().allMatch(i -> rangeOf(i).equals(first)) ? first : "IDENTITY";
    }

    /**
     * Max and average stay within the terms' common range; a sum of non-negative (plain ReLU) terms
     * is non-negative; anything else (a difference, sums of bounded values) is unbounded.
     */
    private String rangeOfCombination(String op, List<String> terms) {
      String common = commonRange(terms);
      return switch (op) {
        case "Max", "Average" -> common;
        case "Add" -> common.equals("RELU") ? "RELU" : "IDENTITY";
        default -> "IDENTITY";
      };
    }

    private Activation activation() {
      return ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
    }

    /** The {@link Activation} name of an activation function. */
    private static String name(org.nd4j.linalg.activations.IActivation fn) {
      for (Activation a : Activation.values()) {
        try {
          if (a.getActivationFunction().getClass() == fn.getClass()) {
            return a.name();
          }
        } catch (UnsupportedOperationException notInstantiable) {
          // Some enum values have no function class; they are never drawn.
        }
      }
      throw new IllegalArgumentException("unknown activation " + fn);
    }
  }
}
