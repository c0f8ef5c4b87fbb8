from radiocode.cli import main

main()
