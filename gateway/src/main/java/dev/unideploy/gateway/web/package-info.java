@NullMarked
package dev.unideploy.gateway.web;

import org.jspecify.annotations.NullMarked;
