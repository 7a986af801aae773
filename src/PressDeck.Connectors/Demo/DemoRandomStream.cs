namespace PressDeck.Connectors.Demo;

/// <summary>Independent random streams, so that adding a draw to one part of the generator does not shift another.</summary>
internal enum DemoRandomStream
{
    World = 1,
    Skeleton = 2,
    Content = 3,
    Burst = 4,
    Drift = 5,
}
