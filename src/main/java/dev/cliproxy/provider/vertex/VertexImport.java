package dev.cliproxy.provider.vertex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cliproxy.auth.oauth.LoginException;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.provider.LoginFlag;
import dev.cliproxy.provider.LoginOption;
import dev.cliproxy.provider.LoginSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code --vertex-import FILE}: reads a Google Cloud service-account key (JSON, type {@code
 * service_account}, with {@code client_email}, {@code private_key} and {@code project_id}) and
 * saves it as {@code vertex-<project>.json} in the auth directory (owner-only, atomically). Nothing
 * is written when the key cannot be used; messages never quote the file.
 */
final class VertexImport {
  static final String FLAG = "--vertex-import";

  /** {@code --location REGION}: the Vertex region the account's calls go to. */
  static final LoginOption LOCATION =
      new LoginOption(
          "--location",
          "REGION",
          "With --vertex-import: the Vertex AI region (default "
              + VertexAccount.DEFAULT_LOCATION
              + ").");

  private static final java.util.regex.Pattern REGION =
      java.util.regex.Pattern.compile("[a-z][a-z0-9-]{1,62}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private VertexImport() {}

  static LoginFlag flag() {
    return new LoginFlag(
        FLAG,
        "Import a Google Cloud service-account key (JSON) for Vertex AI.",
        "Vertex",
        VertexImport::run,
        Optional.of("FILE"),
        List.of(LOCATION));
  }

  private static void run(LoginSession session) throws LoginException {
    String given =
        session
            .argument()
            .orElseThrow(() -> invalid(FLAG + " needs the service-account key file (FILE)"));
    Path file = Path.of(given);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw invalid("no such file: " + file);
    } catch (IOException e) {
      throw invalid("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    JsonNode json;
    try {
      json = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw invalid(
          file
              + " is not JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + "; expected a service-account key downloaded from Google Cloud");
    } catch (IOException e) {
      throw invalid("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    ServiceAccount account;
    try {
      account = ServiceAccount.of(json);
    } catch (IllegalArgumentException e) {
      throw invalid(file + " cannot be imported: " + e.getMessage());
    }
    String location =
        session.option(LOCATION).map(String::trim).orElse(VertexAccount.DEFAULT_LOCATION);
    if (!REGION.matcher(location).matches()) {
      throw invalid(
          "--location must be a Vertex AI region such as us-central1 or europe-west4, not '"
              + location
              + "'");
    }
    CredentialFile saved = VertexAccount.importFile(json, account, location);
    AuthDirectory authDir = new AuthDirectory(session.config().authDir());
    try {
      authDir.save(saved);
    } catch (IOException e) {
      throw new LoginException(
          LoginException.Reason.SAVE_FAILED,
          "could not save " + authDir.path().resolve(saved.id()) + ": " + e.getMessage());
    }
    session
        .out()
        .println(
            "Vertex service account "
                + account.clientEmail()
                + " (project "
                + account.projectId()
                + ", location "
                + location
                + ") saved to "
                + authDir.path().resolve(saved.id()));
    session.out().flush();
  }

  private static LoginException invalid(String message) {
    return new LoginException(LoginException.Reason.INVALID_INPUT, message);
  }
}
