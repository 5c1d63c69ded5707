// The page's script: asks the server what it offers. The full page replaces this file.
"use strict";
fetch("api/info")
  .then((response) => response.json())
  .then((info) => {
    document.getElementById("status").textContent =
      `cybernorms ${info.version}: ${info.principles.length} principles, profiles ${info.profiles.join(", ")}`;
  })
  .catch((error) => {
    document.getElementById("status").textContent = `The server did not answer: ${error}`;
  });
