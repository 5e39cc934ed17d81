using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Onboarding.Tests.Corpus;

/// <summary>How a <see cref="RawRequest"/>'s body is framed on the wire.</summary>
public enum Framing
{
    /// <summary><c>Content-Length</c> with the body's real length.</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>, 4 KiB chunks, no <c>Content-Length</c>.</summary>
    Chunked,

    /// <summary>No framing header is added: the case's own headers say what they say, the body is written as it is.</summary>
    AsIs,
}

/// <summary>
/// One HTTP/1.1 request written byte for byte, so that a case can send what HttpClient refuses to:
/// duplicate or control characters in headers, lying <c>Content-Length</c>s, broken chunking.
/// <c>Host</c> (unless <see cref="OmitHost"/>) and <c>Connection: close</c> are added.
/// </summary>
public sealed record RawRequest(string Method, string Target)
{
    /// <summary>Written in order, as UTF-8; a header with an empty name is written as a raw line.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[]? Body { get; init; }

    public Framing Framing { get; init; } = Framing.ContentLength;

    /// <summary>Shut the sending side after the request: the server sees the end of the stream.</summary>
    public bool HalfClose { get; init; }

    public bool OmitHost { get; init; }

    public string Version { get; init; } = "HTTP/1.1";

    public RawRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public RawRequest WithoutHeader(string name) =>
        this with { Headers = Headers.Where(header => !header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToArray() };

    public override string ToString() => $"{Method} {Shorten(Target)}";

    internal static string Shorten(string text) => text.Length <= 120 ? text : text[..100] + $"…({text.Length} chars)";
}

/// <summary>An answer as it came over the wire; <see cref="Status"/> 0 when the connection ended without one.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static RawResponse None { get; } = new(0, [], []);

    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers.Where(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    /// <summary>The media type of <c>Content-Type</c> without parameters, lower-case.</summary>
    public string? MediaType => Header("Content-Type")?.Split(';')[0].Trim().ToLowerInvariant();
}

/// <summary>Sends <see cref="RawRequest"/>s over plain TCP and reads one answer each.</summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri baseAddress, RawRequest request, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellation.Token);
        NetworkStream stream = client.GetStream();

        // Write while reading: the server may answer (413) before it has read a large body.
        Task writing = WriteAsync(client, stream, baseAddress, request, cancellation.Token);
        RawResponse response;
        try
        {
            response = await ReadAsync(stream, request.Method == "HEAD", cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            response = RawResponse.None;
        }

        try
        {
            await writing;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the server stopped reading; its answer is what counts
        }

        return response;
    }

    public static byte[] Head(Uri baseAddress, RawRequest request)
    {
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(request.Target).Append(' ').Append(request.Version).Append("\r\n");
        if (!request.OmitHost)
        {
            head.Append("Host: ").Append(baseAddress.Authority).Append("\r\n");
        }

        foreach ((string name, string value) in request.Headers)
        {
            // A header without a name is written as a raw line (a line without a colon).
            head.Append(name.Length == 0 ? value : $"{name}: {value}").Append("\r\n");
        }

        if (request.Body is { } body)
        {
            switch (request.Framing)
            {
                case Framing.ContentLength:
                    head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
                    break;
                case Framing.Chunked:
                    head.Append("Transfer-Encoding: chunked\r\n");
                    break;
            }
        }

        head.Append("Connection: close\r\n\r\n");
        return Encoding.UTF8.GetBytes(head.ToString());
    }

    static async Task WriteAsync(TcpClient client, NetworkStream stream, Uri baseAddress, RawRequest request, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Head(baseAddress, request), cancellationToken);
        if (request.Body is { } body)
        {
            if (request.Framing == Framing.Chunked)
            {
                for (int offset = 0; offset < body.Length; offset += 4096)
                {
                    int length = Math.Min(4096, body.Length - offset);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
                    await stream.WriteAsync(body.AsMemory(offset, length), cancellationToken);
                    await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
                }

                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }
            else
            {
                for (int offset = 0; offset < body.Length; offset += 64 * 1024)
                {
                    await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)), cancellationToken);
                }
            }
        }

        await stream.FlushAsync(cancellationToken);
        if (request.HalfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    static async Task<RawResponse> ReadAsync(NetworkStream stream, bool head, CancellationToken cancellationToken)
    {
        var received = new List<byte>(8192);
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            if (TryParse(received, head, endOfStream: false) is { } complete)
            {
                return complete;
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                read = 0; // reset: whatever arrived before it is the answer
            }

            if (read == 0)
            {
                return TryParse(received, head, endOfStream: true) ?? RawResponse.None;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    /// <summary>The first final (non-1xx) answer in <paramref name="data"/>, once it is complete.</summary>
    static RawResponse? TryParse(List<byte> data, bool head, bool endOfStream)
    {
        byte[] bytes = data.ToArray();
        int start = 0;
        while (true)
        {
            int end = IndexOf(bytes, "\r\n\r\n"u8, start);
            if (end < 0)
            {
                return null;
            }

            string[] lines = Encoding.Latin1.GetString(bytes, start, end - start).Split("\r\n");
            string[] statusLine = lines[0].Split(' ', 3);
            if (statusLine.Length < 2 || !int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
            {
                return endOfStream ? RawResponse.None : null;
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            int bodyStart = end + 4;
            if (status is >= 100 and < 200)
            {
                start = bodyStart; // 100 Continue: the real answer follows
                continue;
            }

            var response = new RawResponse(status, headers, []);
            if (head || status is 204 or 304)
            {
                return response;
            }

            if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
            {
                return Dechunk(bytes, bodyStart) is { } body ? response with { Body = body } : endOfStream ? response : null;
            }

            if (response.Header("Content-Length") is { } lengthText && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                if (bytes.Length - bodyStart >= length)
                {
                    return response with { Body = bytes[bodyStart..(bodyStart + length)] };
                }

                return endOfStream ? response with { Body = bytes[bodyStart..] } : null;
            }

            return endOfStream ? response with { Body = bytes[bodyStart..] } : null;
        }
    }

    static byte[]? Dechunk(byte[] bytes, int position)
    {
        var body = new List<byte>();
        while (true)
        {
            int lineEnd = IndexOf(bytes, "\r\n"u8, position);
            if (lineEnd < 0)
            {
                return null;
            }

            string sizeText = Encoding.ASCII.GetString(bytes, position, lineEnd - position).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size))
            {
                return null;
            }

            position = lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            if (bytes.Length < position + size + 2)
            {
                return null;
            }

            body.AddRange(bytes.AsSpan(position, size));
            position += size + 2;
        }
    }

    static int IndexOf(byte[] bytes, ReadOnlySpan<byte> pattern, int start)
    {
        int index = bytes.AsSpan(start).IndexOf(pattern);
        return index < 0 ? -1 : start + index;
    }
}
