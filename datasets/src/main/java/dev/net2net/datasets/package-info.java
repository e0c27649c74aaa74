/**
 * The data plane's in-memory helpers of old and its shared pieces: Fashion-MNIST ({@link
 * dev.net2net.datasets.FashionMnist}), IDX files ({@link dev.net2net.datasets.IdxFile}, with {@link
 * dev.net2net.datasets.IdxHeader} checking a header's claims against the file before allocating),
 * {@link dev.net2net.datasets.LabeledImages} and the {@link dev.net2net.datasets.DatasetException}
 * every reader throws. The schema-driven, streaming data plane lives in the sub-packages: {@code
 * schema}, {@code read}, {@code cache}, {@code split}, {@code stream}.
 */
package dev.net2net.datasets;
