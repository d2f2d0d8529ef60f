/**
 * Runs one pipeline: a connector reads each stream on a virtual thread into a bounded queue,
 * processors run on a pool sized to the cores (order preserved), and one writer per stream commits
 * batches together with the checkpoint that follows them in one store transaction.
 */
package io.tributary.engine.run;
