using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

/// <summary>One local host on the Azure Storage provider (Azurite), shared by the end-to-end tests.</summary>
public sealed class AzureStorageHostFixture : IAsyncLifetime
{
    public LocalHostInstance Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class AzureStorageHostCollection : ICollectionFixture<AzureStorageHostFixture>
{
    public const string Name = "Local host on Azure Storage";
}
