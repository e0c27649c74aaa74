/**
 * Reads policy files into {@code model} values, reporting every problem with its file, line and
 * column. {@link dev.net2net.policies.parse.PolicyLoader} is the entry point and {@link
 * dev.net2net.policies.parse.LoadResult} its answer; the rest is package-private: decoding the
 * bytes ({@code SourceText}), composing YAML into nodes that keep their positions ({@code
 * YamlDocuments}), typed reads that report instead of throwing ({@code NodeReader}, {@code Fields}
 * with its optional-field helper), and the binders that turn a document into a policy ({@code
 * PolicyBinder} for the document and its rules, delegating to {@code ConditionBinder}, {@code
 * ActionBinder}, {@code PlanBinder} and {@code MetricBinder}, all speaking the words listed in
 * {@code Vocabulary}). Findings go into {@code validate}'s diagnostics; nothing here evaluates a
 * policy.
 */
package dev.net2net.policies.parse;
