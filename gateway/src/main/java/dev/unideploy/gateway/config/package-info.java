@NullMarked
package dev.unideploy.gateway.config;

import org.jspecify.annotations.NullMarked;
