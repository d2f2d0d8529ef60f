/** Test helpers shared by the modules' tests: an in-memory {@link io.tributary.spi.store.Store}. */
package io.tributary.testkit;
