/** Implementation details of the enrichers; not for use outside this module. */
package io.tributary.enrich.internal;
