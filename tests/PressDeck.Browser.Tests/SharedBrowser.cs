namespace PressDeck.Browser.Tests;

/// <summary>
/// Every browser test class shares one PressDeck server and one Chromium, started once: the tests run one after another
/// (see AssemblyInfo.cs) and are written so that what one leaves behind (an extra column, a list) does not matter to another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
