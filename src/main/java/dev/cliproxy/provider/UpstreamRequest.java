package dev.cliproxy.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A fully prepared upstream HTTP POST.
 *
 * @param url where to send it
 * @param headers headers in order; later entries replace earlier ones of the same name
 * @param body the bytes to send
 */
public record UpstreamRequest(URI url, List<Map.Entry<String, String>> headers, byte[] body) {
  public UpstreamRequest {
    headers = List.copyOf(headers);
  }
}
