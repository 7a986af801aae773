namespace PressDeck.Connectors.Demo;

public enum DemoAccountRole
{
    Office,
    Journalist,
    NewsSite,
    Politician,
    Organisation,
    Public,
}
