@NullMarked
package dev.unideploy.gateway.security;

import org.jspecify.annotations.NullMarked;
