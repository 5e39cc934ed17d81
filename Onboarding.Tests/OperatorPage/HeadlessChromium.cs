using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Tests.OperatorPage;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package) driven over the Chrome DevTools Protocol
/// with nothing but <see cref="ClientWebSocket"/>: one browser process with a fresh profile,
/// one WebSocket to it, and pages attached in "flat" mode (each command carries its page's
/// session id). Disposing closes the browser, kills its process tree and deletes the profile.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    readonly Process process;
    readonly string profile;
    readonly ClientWebSocket socket;
    readonly SemaphoreSlim sending = new(1, 1);
    readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> waiting = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<string>> problemsBySession = new();
    readonly CancellationTokenSource closing = new();
    readonly Task receiving;
    int lastId;

    HeadlessChromium(Process process, string profile, ClientWebSocket socket)
    {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>
    /// Where Chromium is: <c>ONBOARDING_CHROMIUM</c>, else <c>/usr/bin/chromium</c>, else the first
    /// of chromium, chromium-browser, google-chrome on the PATH; null when there is none.
    /// </summary>
    public static string? FindExecutable()
    {
        string? configured = Environment.GetEnvironmentVariable("ONBOARDING_CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" }
            .SelectMany(name => path.Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts the browser; throws with what to do when Chromium is not installed.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        string executable = FindExecutable() ?? throw new InvalidOperationException(
            "Chromium is not installed, so the operator page cannot be tested in a browser. Install it with " +
            "'apt-get install -y chromium' (./test.sh does this when apt is available), or set ONBOARDING_CHROMIUM to a Chromium binary.");

        string profile = Directory.CreateTempSubdirectory("onboarding-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                "--disable-dev-shm-usage", "--metrics-recording-only", "--mute-audio", "--hide-scrollbars",
                "--window-size=1366,900", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                $"--user-data-dir={profile}", "about:blank",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, line) => Keep(output, line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            Keep(output, line.Data);
            const string marker = "DevTools listening on ";
            if (line.Data?.IndexOf(marker, StringComparison.Ordinal) is int at and >= 0)
            {
                listening.TrySetResult(line.Data[(at + marker.Length)..].Trim());
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            Uri endpoint = await DevToolsEndpointAsync(process, profile, listening.Task, output);
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            using var connectTimeout = new CancellationTokenSource(StartTimeout);
            await socket.ConnectAsync(endpoint, connectTimeout.Token);
            return new HeadlessChromium(process, profile, socket);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            DeleteProfile(profile);
            throw;
        }
    }

    /// <summary>A new tab in its own browser context (its own cookies and storage), at about:blank.</summary>
    public async Task<BrowserPage> OpenPageAsync(int width = 1366, int height = 900)
    {
        JsonElement context = await SendAsync(null, "Target.createBrowserContext", new { disposeOnDetach = true });
        string contextId = context.GetProperty("browserContextId").GetString()!;
        JsonElement target = await SendAsync(null, "Target.createTarget", new { url = "about:blank", browserContextId = contextId });
        string targetId = target.GetProperty("targetId").GetString()!;
        JsonElement attached = await SendAsync(null, "Target.attachToTarget", new { targetId, flatten = true });
        string sessionId = attached.GetProperty("sessionId").GetString()!;
        problemsBySession[sessionId] = new ConcurrentQueue<string>();

        var page = new BrowserPage(this, sessionId, targetId, contextId);
        await page.SendAsync("Page.enable");
        await page.SendAsync("Runtime.enable");
        await page.SendAsync("Log.enable");
        await page.SetViewportAsync(width, height);
        return page;
    }

    /// <summary>JavaScript exceptions, console errors and warnings, and log entries (CSP violations among them) of a page.</summary>
    internal IReadOnlyList<string> ProblemsOf(string sessionId) =>
        problemsBySession.TryGetValue(sessionId, out ConcurrentQueue<string>? problems) ? problems.ToArray() : [];

    /// <summary>Sends a command (to the browser when <paramref name="sessionId"/> is null) and returns its result.</summary>
    internal async Task<JsonElement> SendAsync(string? sessionId, string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref lastId);
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(parameters);
        }

        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting[id] = answer;
        try
        {
            byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await sending.WaitAsync(closing.Token);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, closing.Token);
            }
            finally
            {
                sending.Release();
            }

            return await answer.Task.WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {CommandTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            waiting.TryRemove(id, out _);
        }
    }

    async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult part = await socket.ReceiveAsync(buffer, closing.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.ToArray());
                message.SetLength(0);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // closed
        }

        foreach (TaskCompletionSource<JsonElement> pending in waiting.Values)
        {
            pending.TrySetException(new InvalidOperationException("The connection to Chromium closed."));
        }
    }

    void Dispatch(byte[] bytes)
    {
        using JsonDocument document = JsonDocument.Parse(bytes);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("id", out JsonElement idElement))
        {
            if (waiting.TryGetValue(idElement.GetInt32(), out TaskCompletionSource<JsonElement>? answer))
            {
                if (root.TryGetProperty("error", out JsonElement error))
                {
                    answer.TrySetException(new InvalidOperationException($"Chromium answered an error: {error.GetRawText()}"));
                }
                else
                {
                    answer.TrySetResult(root.TryGetProperty("result", out JsonElement result) ? result.Clone() : default);
                }
            }

            return;
        }

        if (!root.TryGetProperty("sessionId", out JsonElement session) || !problemsBySession.TryGetValue(session.GetString()!, out ConcurrentQueue<string>? problems))
        {
            return;
        }

        string method = root.GetProperty("method").GetString()!;
        JsonElement parameters = root.GetProperty("params");
        switch (method)
        {
            case "Runtime.exceptionThrown":
                JsonElement details = parameters.GetProperty("exceptionDetails");
                string description = details.TryGetProperty("exception", out JsonElement thrown) && thrown.TryGetProperty("description", out JsonElement text)
                    ? text.GetString()!
                    : details.GetProperty("text").GetString()!;
                problems.Enqueue($"exception: {description}");
                break;
            case "Runtime.consoleAPICalled" when parameters.GetProperty("type").GetString() is "error" or "warning" or "assert":
                string arguments = string.Join(" ", parameters.GetProperty("args").EnumerateArray()
                    .Select(argument => argument.TryGetProperty("value", out JsonElement value) ? value.ToString() : argument.GetProperty("type").GetString()));
                problems.Enqueue($"console.{parameters.GetProperty("type").GetString()}: {arguments}");
                break;
            case "Log.entryAdded":
                JsonElement entry = parameters.GetProperty("entry");
                string level = entry.GetProperty("level").GetString()!;
                if (level is "error" or "warning")
                {
                    problems.Enqueue($"log {entry.GetProperty("source").GetString()}/{level}: {entry.GetProperty("text").GetString()}");
                }

                break;
        }
    }

    static async Task<Uri> DevToolsEndpointAsync(Process process, string profile, Task<string> listening, ConcurrentQueue<string> output)
    {
        string portFile = Path.Combine(profile, "DevToolsActivePort");
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (listening.IsCompleted)
            {
                return new Uri(await listening);
            }

            if (File.Exists(portFile))
            {
                string[] lines = (await File.ReadAllTextAsync(portFile)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (lines.Length >= 2)
                {
                    return new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}");
                }
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with {process.ExitCode} before it listened:\n{string.Join("\n", output)}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Chromium did not open its DevTools port within {StartTimeout.TotalSeconds:0} s:\n{string.Join("\n", output)}");
    }

    static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }

    static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    static void DeleteProfile(string profile)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100); // a child process still writing
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (socket.State == WebSocketState.Open)
            {
                byte[] bytes = Encoding.UTF8.GetBytes("""{"id":0,"method":"Browser.close"}""");
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // killed below anyway
        }

        await closing.CancelAsync();
        try
        {
            await receiving.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // the loop ends with the socket
        }

        socket.Dispose();
        Kill(process);
        process.Dispose();
        DeleteProfile(profile);
        sending.Dispose();
        closing.Dispose();
    }
}

/// <summary>One tab: navigate, run JavaScript, wait for a condition, take screenshots.</summary>
public sealed class BrowserPage
{
    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);
    readonly HeadlessChromium browser;

    internal BrowserPage(HeadlessChromium browser, string sessionId, string targetId, string browserContextId)
    {
        this.browser = browser;
        SessionId = sessionId;
        TargetId = targetId;
        BrowserContextId = browserContextId;
    }

    public string SessionId { get; }

    public string TargetId { get; }

    public string BrowserContextId { get; }

    /// <summary>JavaScript exceptions, console errors and warnings, and browser log entries of this page so far.</summary>
    public IReadOnlyList<string> Problems => browser.ProblemsOf(SessionId);

    public Task<JsonElement> SendAsync(string method, object? parameters = null) => browser.SendAsync(SessionId, method, parameters);

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        JsonElement navigated = await SendAsync("Page.navigate", new { url = url.ToString() });
        if (navigated.TryGetProperty("errorText", out JsonElement error) && !string.IsNullOrEmpty(error.GetString()))
        {
            throw new InvalidOperationException($"Chromium could not open {url}: {error.GetString()}");
        }

        await WaitForAsync($"location.href === {JsonSerializer.Serialize(url.ToString())} && document.readyState === 'complete'", $"{url} to load");
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the page (promises are awaited) and returns its
    /// value as JSON; a thrown exception becomes an <see cref="InvalidOperationException"/>.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        JsonElement answer = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true, userGesture = true });
        if (answer.TryGetProperty("exceptionDetails", out JsonElement details))
        {
            string text = details.TryGetProperty("exception", out JsonElement exception) && exception.TryGetProperty("description", out JsonElement description)
                ? description.GetString()!
                : details.GetProperty("text").GetString()!;
            throw new InvalidOperationException($"The page threw: {text}\nwhile evaluating: {expression}");
        }

        JsonElement result = answer.GetProperty("result");
        return result.TryGetProperty("value", out JsonElement value) ? value.Clone() : default;
    }

    public async Task<T> EvaluateAsync<T>(string expression)
    {
        JsonElement value = await EvaluateAsync(expression);
        return value.ValueKind == JsonValueKind.Undefined
            ? throw new InvalidOperationException($"The expression returned nothing: {expression}")
            : value.Deserialize<T>(JsonSerializerOptions.Web)!;
    }

    /// <summary>Polls until <paramref name="condition"/> (JavaScript) is true; fails the test with <paramref name="what"/> otherwise.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        string? lastError = null;
        while (true)
        {
            try
            {
                if (await EvaluateAsync($"!!({condition})") is { ValueKind: JsonValueKind.True })
                {
                    return;
                }

                lastError = null;
            }
            catch (InvalidOperationException exception)
            {
                lastError = exception.Message; // e.g. the page is between documents
            }

            if (waited.Elapsed > (timeout ?? DefaultWait))
            {
                string problems = Problems.Count == 0 ? "" : "\nbrowser problems:\n" + string.Join("\n", Problems);
                Assert.Fail($"waited {waited.Elapsed.TotalSeconds:0.0} s for {what} ({condition}){(lastError is null ? "" : "\nlast error: " + lastError)}{problems}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A PNG of the whole page (not just the viewport).</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        JsonElement metrics = await SendAsync("Page.getLayoutMetrics");
        JsonElement size = metrics.GetProperty("cssContentSize");
        var clip = new { x = 0, y = 0, width = Math.Ceiling(size.GetProperty("width").GetDouble()), height = Math.Ceiling(size.GetProperty("height").GetDouble()), scale = 1 };
        JsonElement shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Changes the viewport (e.g. to look at the page on a phone-sized screen).</summary>
    public Task SetViewportAsync(int width, int height, bool mobile = false) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile });
}
