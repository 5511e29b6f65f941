package dev.cliproxy.dialect.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.dialect.model.Media;
import dev.cliproxy.dialect.model.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Content parts of Responses messages and tool outputs ({@code input_text}, {@code output_text},
 * {@code refusal}, {@code input_image}, {@code input_file}), read into canonical parts and written
 * back; {@code data:} URLs with base64 become inline media and back.
 */
final class ResponsesContent {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResponsesContent() {}

  /** A message's {@code content}: a string, or an array of parts. */
  static List<Part> read(RequestField content) {
    if (content.isAbsent()) {
      return List.of();
    }
    if (content.isText()) {
      return List.of(new Part.Text(content.node().textValue()));
    }
    RequestField parts = content.array();
    List<Part> out = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      out.add(readPart(parts.at(i).object()));
    }
    return out;
  }

  private static Part readPart(RequestField part) {
    String type = part.requiredString("type");
    return switch (type) {
      case "input_text", "output_text", "text" -> new Part.Text(part.requiredString("text"));
      case "refusal" -> new Part.Text(part.requiredString("refusal"));
      case "input_image" -> new Part.Image(imageMedia(part));
      case "input_file" -> file(part);
      default ->
          throw RequestField.invalid(
              "'"
                  + part.path()
                  + ".type' \""
                  + type
                  + "\" is not supported; use input_text, output_text, refusal, input_image or"
                  + " input_file");
    };
  }

  private static Media imageMedia(RequestField part) {
    Optional<String> url = part.optionalString("image_url");
    if (url.isPresent()) {
      return mediaOfUrl(url.get());
    }
    Optional<String> fileId = part.optionalString("file_id");
    if (fileId.isPresent()) {
      return new Media.FileId(fileId.get(), "");
    }
    throw RequestField.invalid("'" + part.path() + "' needs an 'image_url' or a 'file_id'");
  }

  private static Part file(RequestField part) {
    String filename = part.optionalString("filename").orElse("");
    Optional<String> data = part.optionalString("file_data");
    if (data.isPresent()) {
      return new Part.File(mediaOfUrl(data.get()), filename);
    }
    Optional<String> fileId = part.optionalString("file_id");
    if (fileId.isPresent()) {
      return new Part.File(new Media.FileId(fileId.get(), ""), filename);
    }
    Optional<String> url = part.optionalString("file_url");
    if (url.isPresent()) {
      return new Part.File(new Media.Url(url.get(), ""), filename);
    }
    throw RequestField.invalid(
        "'" + part.path() + "' needs 'file_data' (a data: URL), 'file_id' or 'file_url'");
  }

  /** A {@code data:<mime>;base64,<data>} URL becomes inline bytes; any other URL stays a URL. */
  static Media mediaOfUrl(String url) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      int marker = url.lastIndexOf(";base64", comma);
      if (comma > 0 && marker >= 5 && marker + 7 == comma) {
        return new Media.Inline(url.substring(5, marker), url.substring(comma + 1));
      }
    }
    return new Media.Url(url, "");
  }

  /** Inline bytes as a {@code data:} URL; URLs as sent; null for file ids. */
  static String urlOf(Media media) {
    return switch (media) {
      case Media.Inline inline -> "data:" + inline.mimeType() + ";base64," + inline.base64();
      case Media.Url url -> url.url();
      case Media.FileId ignored -> null;
    };
  }

  /**
   * One Responses content part for a canonical part of a message, or null when the part is not
   * content (thinking, tool calls and results are items of their own).
   *
   * @param textType {@code input_text} for user and system turns, {@code output_text} for the
   *     assistant
   */
  static ObjectNode write(Part part, String textType) {
    return switch (part) {
      case Part.Text text -> NODES.objectNode().put("type", textType).put("text", text.text());
      case Part.Image image -> {
        ObjectNode node = NODES.objectNode().put("type", "input_image");
        putMedia(node, image.media(), "image_url");
        yield node;
      }
      case Part.File file -> {
        ObjectNode node = NODES.objectNode().put("type", "input_file");
        putMedia(node, file.media(), file.media() instanceof Media.Url ? "file_url" : "file_data");
        if (!file.filename().isEmpty()) {
          node.put("filename", file.filename());
        }
        yield node;
      }
      default -> null;
    };
  }

  private static void putMedia(ObjectNode node, Media media, String urlField) {
    if (media instanceof Media.FileId id) {
      node.put("file_id", id.id());
    } else {
      node.put(urlField, urlOf(media));
    }
  }

  /** Writes the parts that are content, in order, as an array of Responses content parts. */
  static ArrayNode writeAll(List<Part> parts, String textType) {
    ArrayNode out = NODES.arrayNode();
    for (Part p : parts) {
      ObjectNode node = write(p, textType);
      if (node != null) {
        out.add(node);
      }
    }
    return out;
  }
}
