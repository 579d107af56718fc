package io.soma.hub.store.migration;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for the schema says what is wrong and what to run, instead of a stack trace. */
class SchemaAtStartFailureAnalyzer extends AbstractFailureAnalyzer<StoreSchemaMismatchException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StoreSchemaMismatchException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Run the hub store's migrations with the migration user (DDL rights) before the functions and the worker:"
            + " in a cluster the hub-migrate Job of this release (docs/knative.md, Releasing), elsewhere"
            + " `java -jar functions.jar migrate` with HUB_DB_URL, HUB_DB_USER and HUB_DB_PASSWORD"
            + " (docs/operations.md, Schema migrations).",
        cause);
  }
}
