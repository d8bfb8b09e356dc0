@NullMarked
package dev.unideploy.gateway.problem;

import org.jspecify.annotations.NullMarked;
