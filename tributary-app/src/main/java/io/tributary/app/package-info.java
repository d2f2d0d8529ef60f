/**
 * The command line and the one composition root ({@link io.tributary.app.AppContext}) that builds
 * the clock, plugins, store and runner, and closes them in reverse order.
 */
package io.tributary.app;
