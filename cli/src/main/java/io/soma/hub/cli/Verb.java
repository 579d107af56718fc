package io.soma.hub.cli;

/**
 * One {@code ./hub session VERB}: the options it accepts and what it does; it returns its exit
 * code.
 */
interface Verb {

  String name();

  Arguments.Spec spec();

  /** Failures are thrown as {@link CliFailure}s; {@link HubCli} prints them. */
  int run(Invocation call);
}
