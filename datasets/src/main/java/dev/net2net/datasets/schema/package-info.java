/**
 * What a model's data looks like, as validated records: a {@link
 * dev.net2net.datasets.schema.DatasetSchema} is a {@link dev.net2net.datasets.schema.Shape} (a
 * {@link dev.net2net.datasets.schema.TabularShape} with its label column and {@link
 * dev.net2net.datasets.schema.Features}, or an {@link dev.net2net.datasets.schema.ImageShape}) and
 * its {@link dev.net2net.datasets.schema.Classes} (named or counted). Every reader reads against
 * one.
 */
package dev.net2net.datasets.schema;
