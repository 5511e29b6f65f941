package dev.cliproxy.server;

/**
 * A part of the proxy that mounts its own routes on the shared port: the proxy API, and later Amp,
 * the management API and metrics. The server tries the modules' path tables in the order the
 * modules were given and serves each request from the first entry that matches its method and path.
 */
public interface ServerModule {

  /** This module's routes, tried in order. */
  PathTable<Endpoint> routes();

  /**
   * A sentence saying what this module serves, added to the server's 404 and 405 answers; empty for
   * a module that does not advertise its routes.
   */
  default String endpoints() {
    return "";
  }
}
