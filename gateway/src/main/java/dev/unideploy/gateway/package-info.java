/** The Unideploy gateway: API, decorators, security and sandbox around the provider adapters. */
@NullMarked
package dev.unideploy.gateway;

import org.jspecify.annotations.NullMarked;
