namespace Onboarding.Tests.Corpus;

/// <summary>The corpus runs once; the corpus tests and the contract's agreement tests read its answers.</summary>
[CollectionDefinition(Name)]
public sealed class BadInputCorpusCollection : ICollectionFixture<BadInputCorpusFixture>
{
    public const string Name = "bad-input corpus";
}
