/**
 * Implementation of alerting; not for use outside this module. {@code ConfigReader} validates the
 * declarations in {@code Specs}, {@code RuleType} and {@code ChannelType}; {@code AlertEngine}
 * evaluates rules on one thread; {@code Dispatcher} delivers through the channels of the {@code
 * channel} package; {@code MessageText} builds every text from fixed fields and scrubs it.
 */
package io.tributary.alerts.internal;
