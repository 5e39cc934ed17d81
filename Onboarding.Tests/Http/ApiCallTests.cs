using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Onboarding.Application.Http;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Http;

/// <summary>How <see cref="ApiCall"/> answers what a handler throws.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class ApiCallTests
{
    [Fact]
    public async Task RunAsync_DurableBackendUnreachable_503UnavailableWithRetryAfter()
    {
        // A real gRPC client of the Durable Task backend, at a port nobody listens on.
        var options = new GrpcDurableTaskClientOptions { Address = $"http://127.0.0.1:{Onboarding.Testing.Ports.Free()}" };
        await using var durable = new GrpcDurableTaskClient("unreachable", options, NullLogger.Instance);
        await Assert.ThrowsAsync<RpcException>(() => durable.GetInstanceAsync("0123456789abcdef0123456789abcdef"));
        HttpContext context = NewContext();

        IResult result = await new ApiCall(NullLogger<ApiCall>.Instance, Microsoft.Extensions.Options.Options.Create(new Onboarding.Application.Configuration.OnboardingOptions())).RunAsync(context.Request, async () =>
        {
            await durable.GetInstanceAsync("0123456789abcdef0123456789abcdef");
            return Results.Ok();
        });
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("unavailable", (await BodyAsync(context)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RunAsync_UnexpectedException_500WithoutInternals()
    {
        HttpContext context = NewContext();

        IResult result = await new ApiCall(NullLogger<ApiCall>.Instance, Microsoft.Extensions.Options.Options.Create(new Onboarding.Application.Configuration.OnboardingOptions())).RunAsync(context.Request, () => throw new InvalidOperationException("secret internals"));
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        JsonElement body = await BodyAsync(context);
        Assert.Equal("internal-error", body.GetProperty("code").GetString());
        Assert.DoesNotContain("secret internals", body.GetRawText(), StringComparison.Ordinal);
    }

    static HttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        return context;
    }

    static async Task<JsonElement> BodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using JsonDocument document = await JsonDocument.ParseAsync(context.Response.Body);
        return document.RootElement.Clone();
    }
}
