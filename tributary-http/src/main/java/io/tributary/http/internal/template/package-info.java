/** The small template language of manifests: {@code {{ path | filter }}}. */
package io.tributary.http.internal.template;
