@NullMarked
package dev.unideploy.gateway.provider;

import org.jspecify.annotations.NullMarked;
