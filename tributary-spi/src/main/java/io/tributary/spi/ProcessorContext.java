package io.tributary.spi;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What the engine gives a processor when it creates it.
 *
 * @param pipeline the pipeline's name
 * @param stream the stream this processor instance serves
 * @param baseDir the pipeline file's directory (for relative paths such as schema files)
 * @param clock the clock to use instead of the system clock
 */
public record ProcessorContext(String pipeline, StreamSpec stream, Path baseDir, Clock clock) {}
