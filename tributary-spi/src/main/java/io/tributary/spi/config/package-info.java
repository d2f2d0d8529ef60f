/**
 * Configuration declared once, as data. A {@link io.tributary.spi.config.ConfigSpec} lists the
 * {@link io.tributary.spi.config.ConfigField fields} a plugin accepts; the same declaration drives
 * validation (every problem reported at once), the JSON Schema for editors, the generated reference
 * documentation and the masking of secrets in every output.
 */
package io.tributary.spi.config;
