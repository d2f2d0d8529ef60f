package io.tributary.http.internal.net;

/**
 * Sends one request and returns the complete response. Implementations: the real client ({@link
 * JdkTransport}), a recorder wrapping it and a replayer serving saved exchanges. Thread-safe.
 */
public interface Transport extends AutoCloseable {

  /**
   * Sends {@code call}, follows redirects, reads the whole body within the deadlines and caps.
   *
   * @throws TransportException when no complete response was obtained
   * @throws InterruptedException when the calling thread is interrupted (run cancelled)
   */
  HttpReply send(HttpCall call) throws TransportException, InterruptedException;

  @Override
  default void close() {}
}
