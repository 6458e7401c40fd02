using System;
using ModelGen.Tool;

return Cli.Run(args, Console.Out, Console.Error);
