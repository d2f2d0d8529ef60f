package io.tributary.spi.config;

import java.util.Objects;

/**
 * A secret value. Its {@link #toString()} never shows the value; call {@link #reveal()} only where
 * the value is sent to the system that needs it.
 */
public final class Secret {
  public static final String MASK = "******";

  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
