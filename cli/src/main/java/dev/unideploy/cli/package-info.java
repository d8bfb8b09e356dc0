/** {@code unideploy}: the command-line client for CI pipelines, built on the generated Java SDK. */
@NullMarked
package dev.unideploy.cli;

import org.jspecify.annotations.NullMarked;
