package dev.cliproxy.provider.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.provider.UpstreamCall;

/**
 * The body of a Code Assist call (Gemini CLI's and Antigravity's) as the {@code {model, project,
 * request}} envelope its provider fills in.
 */
public final class CodeAssistBody {
  private CodeAssistBody() {}

  /** The call's body tree as the envelope; a plain Gemini body is wrapped into it first. */
  public static ObjectNode envelope(UpstreamCall call) {
    ObjectNode tree = call.body().tree();
    if (tree.get("request") instanceof ObjectNode) {
      return tree;
    }
    ObjectNode inner = tree.deepCopy();
    tree.removeAll();
    tree.set("request", inner);
    return tree;
  }
}
