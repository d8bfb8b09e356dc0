/** The Dooor OS adapter: workspace-scoped, bearer key, page-based lists, native rollback, revisions, traffic. */
@NullMarked
package dev.unideploy.adapter.dooor;

import org.jspecify.annotations.NullMarked;
