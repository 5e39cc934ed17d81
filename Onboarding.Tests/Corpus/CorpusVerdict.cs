using System.Text.Json;
using System.Text.RegularExpressions;

namespace Onboarding.Tests.Corpus;

/// <summary>
/// The rules every corpus answer keeps: no 5xx; a 4xx (never a 2xx) for a malformed request; an
/// error from the application is the contract's problem+json (or the HTML page the document
/// declares for that answer); no internal type names, stack traces or secrets in any body.
/// </summary>
public static partial class CorpusVerdict
{
    /// <summary>Kestrel's own answers to requests it cannot parse (no body; the application never saw them).</summary>
    public static readonly int[] ServerLevelStatuses = [400, 408, 413, 414, 431];

    /// <summary>Why the answer breaks a rule, or null.</summary>
    public static string? Judge(CorpusCase corpusCase, CorpusOperation operation, RawResponse response, CorpusTargets targets)
    {
        if (response.Status == 0)
        {
            // A client that ends its side mid-request has gone, as far as the server can tell: no answer is right.
            return corpusCase.Request.HalfClose ? null : "no answer: the connection ended without a response";
        }

        if (response.Status >= 500)
        {
            return $"{response.Status} (a 5xx): {Excerpt(response.Text)}";
        }

        if (corpusCase.Expect == Expect.Reject && response.Status < 400)
        {
            return $"{response.Status} to a malformed request: {Excerpt(response.Text)}";
        }

        string text = response.Text;
        bool fromApplication = response.Header("X-Content-Type-Options") is not null;
        if (response.Status >= 400)
        {
            if (!fromApplication)
            {
                if (!ServerLevelStatuses.Contains(response.Status))
                {
                    return $"{response.Status} from the HTTP server itself: {Excerpt(text)}";
                }
            }
            else if (response.MediaType == "application/problem+json")
            {
                if (ProblemFault(response, corpusCase.Codes) is { } fault)
                {
                    return fault;
                }
            }
            else if (!(response.MediaType == "text/html" && operation.MediaTypesFor(response.Status)?.Contains("text/html") == true))
            {
                return $"{response.Status} {response.MediaType ?? "without a body"}, not problem+json: {Excerpt(text)}";
            }
        }
        else if (response.Status >= 200)
        {
            IReadOnlyList<string>? declared = operation.MediaTypesFor(response.Status);
            if (declared is null)
            {
                return $"{response.Status} is not an answer the document declares for {operation.OperationId}";
            }

            if (declared.Count > 0 && response.Body.Length > 0 && !declared.Contains(response.MediaType ?? ""))
            {
                return $"{response.Status} {response.MediaType}: not a declared media type ({string.Join(", ", declared)})";
            }

            if (operation.Credential == Credential.None && !corpusCase.Unfiltered
                && new[] { targets.Known.Email, targets.Known.Phone, targets.Other.Email, targets.Other.Phone }.FirstOrDefault(text.Contains) is { } contact)
            {
                return $"{response.Status}: an anonymous answer shows a known journey's contact data ({contact})";
            }
        }

        if (response.MediaType != "application/yaml")
        {
            if (TypeName().Match(text) is { Success: true } typeName)
            {
                return $"{response.Status}: the body names an internal type ({typeName.Value}): {Excerpt(text)}";
            }

            if (text.Contains("Exception", StringComparison.Ordinal) || StackFrame().IsMatch(text))
            {
                return $"{response.Status}: the body shows an exception or stack trace: {Excerpt(text)}";
            }
        }

        if (!corpusCase.Unfiltered && targets.Secrets.FirstOrDefault(secret => text.Contains(secret, StringComparison.Ordinal)) is not null)
        {
            return $"{response.Status}: the body echoes a token or key";
        }

        return null;
    }

    static string? ProblemFault(RawResponse response, IReadOnlyCollection<string>? codes)
    {
        JsonElement problem;
        try
        {
            using JsonDocument document = JsonDocument.Parse(response.Body);
            problem = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return $"{response.Status} problem+json that is not JSON: {Excerpt(response.Text)}";
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            return $"{response.Status} problem+json that is not an object";
        }

        if (!problem.TryGetProperty("status", out JsonElement status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != response.Status)
        {
            return $"{response.Status} problem whose status member is not {response.Status}: {Excerpt(response.Text)}";
        }

        foreach (string member in new[] { "title", "detail", "code" })
        {
            if (!problem.TryGetProperty(member, out JsonElement value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                return $"{response.Status} problem without '{member}': {Excerpt(response.Text)}";
            }
        }

        string code = problem.GetProperty("code").GetString()!;
        if (codes is not null && !codes.Contains(code))
        {
            return $"{response.Status} {code}, expected {string.Join(" or ", codes)}: {Excerpt(problem.GetProperty("detail").GetString()!)}";
        }

        return null;
    }

    static string Excerpt(string text)
    {
        string flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 300 ? flat : flat[..300] + "…";
    }

    [GeneratedRegex(@"\b(?:System|Microsoft|Onboarding|Azure|Grpc|Newtonsoft|YamlDotNet|DurableTask)\.[A-Z][A-Za-z]+")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"(?m)^\s+at [\w.<>`]+\(|\bat [\w.<>`]+\([^)]*\) in ")]
    private static partial Regex StackFrame();
}
