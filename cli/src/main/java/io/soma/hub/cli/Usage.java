package io.soma.hub.cli;

/**
 * The help text: every verb, the environment and the exit codes (a script's contract, so they are
 * listed here).
 */
final class Usage {

  static final String TEXT =
      """
      usage: ./hub session VERB [options]

        start "prompt" [--conversation] [--idempotency-key K] [--metadata key=value ...]
                 start a session; prints its id (a moderation warning goes to stderr); --conversation keeps
                 it open for messages (say) until closed
        list [--status RUNNING|COMPLETED|FAILED|CANCELLED] [--limit 1..100] [--all]
                 the tenant's sessions, newest first: id, status, created, ended; --all follows every page
        show ID [--wait]
                 the session's status, steps, and its reply or error; --wait polls until it has ended
        watch ID the session as it runs: the reply as the model streams it, until the session ends (a dropped
                 connection is resumed where it was); -o json prints every event as one line
        say ID "message" [--idempotency-key K]
                 add a message to an open conversation; prints the reply once the model has answered
        close ID
                 close an open conversation (it ends COMPLETED)
        cancel ID
                 ask a running session to stop
        help     this text

        -o json, --output json (every verb)
                 print the API's JSON body as it came instead of text (list --all: one object of every page)

      environment:
        HUB_URL     the hub's base URL, default http://127.0.0.1:8080 (what ./hub up serves)
        HUB_TOKEN   the bearer token; unset and HUB_URL on this machine, ./hub session mints one with the
                    local secret (.hub/local-secret) for HUB_TENANT (default local) and HUB_USER (default $USER)
                    with sessions:write,sessions:read

      exit codes (every failure is one line on stderr):
        0  done
        1  the CLI itself failed (a bug)
        2  usage: unknown verb or option, missing or malformed argument, no HUB_TOKEN, bad HUB_URL
        3  cannot reach the hub (connection refused, timeout)
        4  the API refused the request (4xx), e.g. a bad prompt, an unknown session, cancelling an ended one
        5  the hub failed (5xx, e.g. 503 while Temporal is unreachable)
      """;

  private Usage() {}
}
