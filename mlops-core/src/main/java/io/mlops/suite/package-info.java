/**
 * The composition root: the suite's stores, blob store, event stream, webhook dispatcher and build
 * tokens, opened from one store location and one home, for every host (CLI, server, Jenkins).
 */
package io.mlops.suite;
