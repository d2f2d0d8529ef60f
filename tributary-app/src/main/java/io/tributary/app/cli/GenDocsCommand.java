package io.tributary.app.cli;

import io.tributary.app.ExitCodes;
import io.tributary.app.docs.DocsGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary gen-docs}: regenerates the reference docs from the declarations. */
@Command(
    name = "gen-docs",
    hidden = true,
    description =
        "Regenerate docs/cli.md, docs/pipeline.md, docs/schema/pipeline.schema.json and the"
            + " connector pages in docs/connectors/.")
public final class GenDocsCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "docs", description = "The docs directory.")
  Path out;

  @Override
  public Integer call() throws IOException {
    DocsGenerator.writeAll(out);
    return ExitCodes.OK;
  }
}
