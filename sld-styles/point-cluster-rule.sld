        <Rule>
          <Name>${ruleName}</Name>
          <Title>${ruleTitle}</Title>
          <ogc:Filter>
            <ogc:PropertyIsEqualTo>
              <ogc:PropertyName>cluster</ogc:PropertyName>
              <ogc:Literal>${cluster}</ogc:Literal>
            </ogc:PropertyIsEqualTo>
          </ogc:Filter>
          <PointSymbolizer>
            <Graphic>
              <Mark>
                <WellKnownName>circle</WellKnownName>
                <Fill>
                  <CssParameter name="fill">${fillColor}</CssParameter>
                </Fill>
                <Stroke>
                  <CssParameter name="stroke">${strokeColor}</CssParameter>
                  <CssParameter name="stroke-width">0.5</CssParameter>
                </Stroke>
              </Mark>
              <Size>6</Size>
            </Graphic>
          </PointSymbolizer>
        </Rule>
