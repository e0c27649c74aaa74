/**
 * Models and their versions, the registry's core: {@link dev.net2net.registry.model.Models} creates
 * and lists models, and {@link dev.net2net.registry.model.Versions} registers a version with its
 * artifact, parent, {@link dev.net2net.registry.model.Transform}, dataset snapshot and metrics,
 * changes its {@link dev.net2net.registry.model.VersionStatus} and answers lineage queries. The
 * value types ({@link dev.net2net.registry.model.ModelName}, {@link
 * dev.net2net.registry.model.VersionRef}, {@link dev.net2net.registry.model.AliasName} and the
 * rest) validate in their constructors and are the words every other registry package and every
 * caller uses. It stores bytes through {@code artifact} and rows through {@code db}; the daemon,
 * the command line's {@code registry} commands and the registry benchmark are its callers.
 */
package dev.net2net.registry.model;
