using PressDeck;
using PressDeck.Cli;

// `pressdeck match …` and the other verbs run and exit; anything else starts the web app.
if (PressDeckCli.IsVerb(args))
{
    return await PressDeckCli.RunInConsoleAsync(args);
}

var app = PressDeckApp.Build(args);
await app.RunAsync();
return 0;
