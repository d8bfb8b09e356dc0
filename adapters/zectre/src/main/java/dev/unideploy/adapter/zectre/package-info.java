/** The Zectre Platform adapter (formerly "Tish Platform"): {@code X-API-Key}, cursor-paged lists, SSE logs. */
@NullMarked
package dev.unideploy.adapter.zectre;

import org.jspecify.annotations.NullMarked;
