from radiocode.command import main

main()
