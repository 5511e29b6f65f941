package dev.cliproxy.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cliproxy.auth.Account;
import dev.cliproxy.auth.AccountStatus;
import dev.cliproxy.auth.AuthIndex;
import dev.cliproxy.auth.CredentialStatus;
import dev.cliproxy.auth.QuotaSnapshot;
import dev.cliproxy.auth.oauth.JwtPayload;
import dev.cliproxy.auth.store.AuthDirectory;
import dev.cliproxy.auth.store.AuthFileProblem;
import dev.cliproxy.auth.store.AuthSnapshot;
import dev.cliproxy.auth.store.CredentialFile;
import dev.cliproxy.gateway.CredentialTally;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code /auth-files} list: one entry per file in the auth directory, in the reference's field
 * names, with what the proxy knows of the account now (usable, resting until when and why, needing
 * a login, disabled) and never a token. Files the store could not read are listed too, as errors.
 */
final class AuthFileEntries {
  private static final ObjectNode EMPTY = ManagementJson.MAPPER.createObjectNode();

  private AuthFileEntries() {}

  /** The entries, sorted by lowercased name as the reference sorts them. */
  static ArrayNode of(
      AuthDirectory directory,
      AuthSnapshot files,
      List<AccountStatus> accounts,
      List<CredentialStatus> credentials,
      Function<String, CredentialTally.Tally> tally) {
    Map<String, AccountStatus> accountByName =
        accounts.stream().collect(Collectors.toMap(AccountStatus::fileName, Function.identity()));
    Map<String, List<CredentialStatus>> credentialsByFile =
        credentials.stream().collect(Collectors.groupingBy(AuthFileEntries::fileOf));
    List<ObjectNode> entries = new ArrayList<>();
    for (CredentialFile file : files.files()) {
      ObjectNode entry =
          entry(
              directory,
              file,
              Optional.ofNullable(accountByName.get(file.id())),
              merged(credentialsByFile.getOrDefault(file.id(), List.of())));
      CredentialFigures.addTo(entry, tally.apply(entry.path("auth_index").asText()));
      entries.add(entry);
    }
    for (AuthFileProblem problem : files.problems()) {
      entries.add(unreadable(directory, problem));
    }
    entries.sort(Comparator.comparing(e -> e.path("name").asText().toLowerCase(Locale.ROOT)));
    ArrayNode out = ManagementJson.MAPPER.createArrayNode();
    entries.forEach(out::add);
    return out;
  }

  /**
   * The auth file a credential comes from: its id, or the part before {@code ::} for the one
   * credential per project that a Gemini file naming several projects gives.
   */
  static String fileOf(CredentialStatus credential) {
    int split = credential.id().indexOf("::");
    return split < 0 ? credential.id() : credential.id().substring(0, split);
  }

  /**
   * One file's credentials as one: the most serious state, every rest, the latest error, the
   * requests in flight added up, and every project's quota windows, each named after its project.
   */
  static Optional<CredentialStatus> merged(List<CredentialStatus> of) {
    if (of.size() <= 1) {
      return of.stream().findFirst();
    }
    CredentialStatus first = of.get(0);
    CredentialStatus.State state =
        of.stream()
            .map(CredentialStatus::state)
            .min(Comparator.comparingInt(AuthFileEntries::severity))
            .orElseThrow();
    return Optional.of(
        new CredentialStatus(
            fileOf(first),
            first.provider(),
            first.label(),
            state,
            of.stream()
                .map(CredentialStatus::disabledWhy)
                .filter(why -> !why.isEmpty())
                .findFirst()
                .orElse(""),
            of.stream().flatMap(c -> c.resting().stream()).toList(),
            of.stream()
                .flatMap(c -> c.lastError().stream())
                .max(Comparator.comparing(CredentialStatus.LastError::at)),
            of.stream().mapToInt(CredentialStatus::inFlight).sum(),
            mergedQuota(of)));
  }

  private static Optional<QuotaSnapshot> mergedQuota(List<CredentialStatus> of) {
    List<QuotaSnapshot.Window> windows = new ArrayList<>();
    Optional<QuotaSnapshot> latest = Optional.empty();
    for (CredentialStatus credential : of) {
      if (credential.quota().isEmpty()) {
        continue;
      }
      QuotaSnapshot quota = credential.quota().get();
      String project = credential.id().substring(credential.id().indexOf("::") + 2);
      for (QuotaSnapshot.Window w : quota.windows()) {
        windows.add(
            new QuotaSnapshot.Window(
                project + ": " + w.name(), w.usedPercent(), w.length(), w.resetsAt(), w.status()));
      }
      if (latest.isEmpty() || quota.observedAt().isAfter(latest.get().observedAt())) {
        latest = Optional.of(quota);
      }
    }
    return latest.map(last -> new QuotaSnapshot(last.observedAt(), last.plan(), windows));
  }

  private static int severity(CredentialStatus.State state) {
    return switch (state) {
      case NEEDS_LOGIN -> 0;
      case DISABLED -> 1;
      case RESTING -> 2;
      case READY -> 3;
    };
  }

  private static ObjectNode entry(
      AuthDirectory directory,
      CredentialFile file,
      Optional<AccountStatus> account,
      Optional<CredentialStatus> credential) {
    String path = directory.path().resolve(file.id()).toString();
    ObjectNode entry = base(directory, file.id(), file.type(), path);
    entry.put("label", file.label());
    file.email().ifPresent(email -> entry.put("email", email).put("account", email));
    entry.put("account_type", "oauth");
    entry.put("disabled", file.disabled());
    Health health = Health.of(file, account, credential);
    entry.put("status", health.status());
    entry.put("status_message", health.message());
    entry.put("unavailable", health.unavailable());
    entry.put("state", health.state());
    file.expiry().ifPresent(expiry -> entry.put("expires_at", expiry.toString()));
    account
        .flatMap(AccountStatus::lastRefresh)
        .map(Instant::toString)
        .or(file::lastRefresh)
        .ifPresent(at -> entry.put("last_refresh", at));
    credential.ifPresent(c -> addRests(entry, c));
    file.get("note").filter(JsonNode::isTextual).ifPresent(note -> entry.set("note", note));
    entry.put(
        "priority",
        file.get("priority").filter(JsonNode::canConvertToInt).map(JsonNode::asInt).orElse(0));
    file.get("weight")
        .filter(JsonNode::isNumber)
        .ifPresent(weight -> entry.put("weight", weight.asInt()));
    file.credentialGroup().ifPresent(group -> entry.put("credential_group", group));
    file.get("project_id")
        .filter(JsonNode::isTextual)
        .ifPresent(project -> entry.set("project_id", project));
    file.idToken().flatMap(JwtPayload::of).ifPresent(claims -> entry.set("id_token", claims));
    return entry;
  }

  private static void addRests(ObjectNode entry, CredentialStatus credential) {
    entry.put("in_flight", credential.inFlight());
    ArrayNode rests = entry.putArray("resting");
    Optional<Instant> soonest = Optional.empty();
    for (CredentialStatus.ModelRest rest : credential.resting()) {
      rests
          .addObject()
          .put("model", rest.model())
          .put("until", rest.until().toString())
          .put("status", rest.status())
          .put("hinted", rest.hinted());
      if (soonest.isEmpty() || rest.until().isBefore(soonest.get())) {
        soonest = Optional.of(rest.until());
      }
    }
    soonest.ifPresent(until -> entry.put("next_retry_after", until.toString()));
    credential.quota().ifPresent(quota -> entry.set("quota", quota(quota)));
    credential
        .lastError()
        .ifPresent(error ->
            entry
                .putObject("last_error")
                .put("at", error.at().toString())
                .put("status", error.status())
                .put("reason", error.reason()));
  }

  /** What the upstream last said of the account's allowance, windows with percent and reset. */
  private static ObjectNode quota(QuotaSnapshot quota) {
    ObjectNode out = ManagementJson.MAPPER.createObjectNode();
    out.put("observed_at", quota.observedAt().toString());
    quota.plan().ifPresent(plan -> out.put("plan", plan));
    ArrayNode windows = out.putArray("windows");
    for (QuotaSnapshot.Window window : quota.windows()) {
      ObjectNode w = windows.addObject().put("name", window.name());
      window.usedPercent().ifPresent(p -> w.put("used_percent", p));
      window.length().ifPresent(l -> w.put("window_seconds", l.toSeconds()));
      window.resetsAt().ifPresent(at -> w.put("resets_at", at.toString()));
      window.status().ifPresent(st -> w.put("status", st));
    }
    return out;
  }

  private static ObjectNode unreadable(AuthDirectory directory, AuthFileProblem problem) {
    String path = directory.path().resolve(problem.fileName()).toString();
    ObjectNode entry = base(directory, problem.fileName(), "unknown", path);
    entry.put("label", problem.fileName());
    entry.put("disabled", false);
    entry.put("status", "error");
    entry.put("status_message", "the proxy cannot use this file: it " + problem.problem());
    entry.put("unavailable", true);
    entry.put("state", "unreadable");
    return entry;
  }

  private static ObjectNode base(AuthDirectory directory, String name, String type, String path) {
    ObjectNode entry = EMPTY.deepCopy();
    entry.put("id", name);
    entry.put("auth_index", AuthIndex.forFile(type, Path.of(path)));
    entry.put("name", name);
    entry.put("type", type);
    entry.put("provider", type);
    entry.put("runtime_only", false);
    entry.put("source", "file");
    entry.put("path", path);
    Optional<BasicFileAttributes> attributes = directory.attributes(name);
    entry.put("size", attributes.map(BasicFileAttributes::size).orElse(0L));
    attributes.ifPresent(a -> entry.put("modtime", a.lastModifiedTime().toInstant().toString()));
    return entry;
  }

  /**
   * What the list says of a file's account.
   *
   * @param state ours: {@code disabled}, {@code needs_login}, {@code benched}, {@code resting},
   *     {@code ready} or {@code loading}
   * @param status the reference's word for it: {@code disabled}, {@code error}, {@code active} or
   *     {@code pending}
   */
  private record Health(String state, String status, String message) {
    boolean unavailable() {
      return !state.equals("ready");
    }

    static Health of(
        CredentialFile file, Optional<AccountStatus> account, Optional<CredentialStatus> cred) {
      String accountMessage = account.map(AccountStatus::message).orElse("");
      if (file.disabled()) {
        return new Health("disabled", "disabled", "disabled in the file (\"disabled\": true)");
      }
      if (account.isPresent() && account.get().state() == Account.State.NEEDS_LOGIN) {
        return new Health("needs_login", "error", accountMessage);
      }
      if (cred.isEmpty()) {
        return account.isPresent()
            ? new Health("ready", "active", accountMessage)
            : new Health("loading", "pending", "not loaded by the proxy yet");
      }
      return switch (cred.get().state()) {
        case NEEDS_LOGIN -> new Health("needs_login", "error", accountMessage);
        case DISABLED -> new Health("benched", "error", cred.get().disabledWhy());
        case RESTING ->
            new Health(
                "resting",
                "active",
                cred.get().lastError().map(CredentialStatus.LastError::reason).orElse("resting"));
        case READY -> new Health("ready", "active", accountMessage);
      };
    }
  }
}
