namespace Onboarding.Tests.WebApp;

/// <summary>The web app's browser tests share one host and one browser and run one after another (a browser is heavy on two cores).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
