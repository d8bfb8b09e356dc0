@NullMarked
package dev.unideploy.gateway.deployment;

import org.jspecify.annotations.NullMarked;
