/**
 * The {@code validate} processor ({@link
 * io.tributary.processors.validate.ValidateProcessorProvider}): JSON Schema and simple field rules.
 * Everything but the provider is package-private.
 */
package io.tributary.processors.validate;
