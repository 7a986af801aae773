using PressDeck;

var app = PressDeckApp.Build(args);
await app.RunAsync();
