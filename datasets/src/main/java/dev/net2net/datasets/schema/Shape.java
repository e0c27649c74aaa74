package dev.net2net.datasets.schema;

/** The shape of one example: a row of a table, or an image. */
public sealed interface Shape permits TabularShape, ImageShape {}
