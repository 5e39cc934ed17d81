using System.Buffers;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Onboarding.Application.Contract;

namespace Onboarding.Application.Http;

/// <summary>
/// Reads request bodies at the edge with the contract's rules: at most 16 KiB (413), JSON
/// only where JSON is expected (415), well-formed (400 malformed-json), the expected shape
/// with no unknown or duplicate members (400 validation-failed).
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 16 * 1024;

    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    public static bool IsForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>No body at all (where one is optional): no media type, and no length or a length of zero. Anything else is read as a body.</summary>
    public static bool IsEmpty(HttpRequest request) =>
        string.IsNullOrEmpty(request.ContentType) && (request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0));

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request) where T : class
    {
        if (!IsJson(request))
        {
            throw Problems.UnsupportedMediaType("application/json");
        }

        byte[] bytes = await ReadBytesAsync(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw Problems.MalformedJson(exception.LineNumber is { } line
                ? $"The body is not valid JSON (line {line + 1}, byte {exception.BytePositionInLine + 1})."
                : "The body is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Problems.Validation("$", "The body must be a JSON object.");
            }

            try
            {
                return document.RootElement.Deserialize<T>(ApiJson.Options) ?? throw Problems.Validation("$", "The body must be a JSON object.");
            }
            catch (JsonException exception)
            {
                throw Problems.Validation(FieldOf(exception.Path), Describe(exception));
            }
        }
    }

    public static async Task<IReadOnlyDictionary<string, StringValues>> ReadFormAsync(HttpRequest request)
    {
        byte[] bytes = await ReadBytesAsync(request);
        try
        {
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            throw Problems.Validation("$", "The form body could not be read.");
        }
    }

    /// <summary>Reads at most <see cref="MaxBytes"/>; a longer body (declared or sent) is a 413.</summary>
    static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw Problems.PayloadTooLarge(MaxBytes);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            int total = 0;
            while (total <= MaxBytes)
            {
                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(total, MaxBytes + 1 - total), request.HttpContext.RequestAborted);
                }
                catch (IOException exception)
                {
                    // The server could not read the body (cut short, broken chunking, too slow, over its own
                    // limit): the client's error, never a 500. A client that went away is no error at all.
                    request.HttpContext.RequestAborted.ThrowIfCancellationRequested();
                    throw exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                        ? Problems.PayloadTooLarge(MaxBytes)
                        : Problems.UnreadableBody();
                }

                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > MaxBytes)
            {
                throw Problems.PayloadTooLarge(MaxBytes);
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "$";
        }

        string field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        int bracket = field.IndexOf('[');
        return bracket > 0 ? field[..bracket] : field;
    }

    static string Describe(JsonException exception) =>
        exception.Message.Contains("could not be mapped", StringComparison.Ordinal) || exception.Message.Contains("unmapped", StringComparison.OrdinalIgnoreCase)
            ? "This field is not part of the request."
            : exception.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
                ? "This field appears more than once."
                : "This field has the wrong type.";
}
